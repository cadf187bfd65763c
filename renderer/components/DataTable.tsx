import { Fragment, type Key, type ReactNode } from 'react';

export interface Column<T> {
  /** Unique within the table: the React key of the column's cells. */
  key: string;
  header: ReactNode;
  render(row: T): ReactNode;
  /** The column names its row: its cells are `<th scope="row">`, the row header readers (and tests) find a row by. */
  rowHeader?: boolean;
  /** Right-aligned figures: `cell-number` on the header and on every cell. */
  numeric?: boolean;
  /** More classes on this column's cells (not its header). */
  className?: string;
  /** A tooltip on the cell itself, for text the cell shortens. */
  title?(row: T): string | undefined;
}

interface Props<T> {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey(row: T): Key;
  /** The table's accessible name. */
  label?: string;
  /** Classes besides `data-table`. */
  className?: string;
  /** The class of a scrolling box around the table; without it the table stands alone. */
  scrollClassName?: string;
  /** Shown (as a muted line) instead of the table when there are no rows; without it an empty table is shown. */
  empty?: ReactNode;
  rowClassName?(row: T): string | undefined;
  /** Content for a full-width row right under a row (nothing: no such row), e.g. the selected row's detail. */
  rowDetail?(row: T): ReactNode;
  /** Rows after the item rows that are not one per item, e.g. a summary. */
  trailingRows?: ReactNode;
}

const classes = (...names: Array<string | false | undefined>) => names.filter(Boolean).join(' ') || undefined;

/** The console's one table markup: a header row of column headers, then a row per item, keyed. */
export function DataTable<T>({ columns, rows, rowKey, label, className, scrollClassName, empty, rowClassName, rowDetail, trailingRows }: Props<T>) {
  if (rows.length === 0 && empty !== undefined) return <p className="muted">{empty}</p>;
  const table = (
    <table className={classes('data-table', className)} aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col" className={classes(c.numeric && 'cell-number')}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const detail = rowDetail?.(row);
          return (
            <Fragment key={rowKey(row)}>
              <tr className={rowClassName?.(row)}>
                {columns.map((c) => {
                  const props = { className: classes(c.numeric && 'cell-number', c.className), title: c.title?.(row) };
                  return c.rowHeader ? (
                    <th key={c.key} scope="row" {...props}>
                      {c.render(row)}
                    </th>
                  ) : (
                    <td key={c.key} {...props}>
                      {c.render(row)}
                    </td>
                  );
                })}
              </tr>
              {detail ? (
                <tr>
                  <td colSpan={columns.length}>{detail}</td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
        {trailingRows}
      </tbody>
    </table>
  );
  return scrollClassName ? <div className={scrollClassName}>{table}</div> : table;
}
