import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { DataTable, type Column } from '../../../renderer/components/DataTable.tsx';

interface Host {
  id: number;
  name: string;
  cpu: number;
  note: string;
}

const HOSTS: Host[] = [
  { id: 7, name: 'web-1', cpu: 12, note: 'fine' },
  { id: 3, name: 'db-1', cpu: 85, note: 'busy all night' },
];

const COLUMNS: Column<Host>[] = [
  { key: 'name', header: 'Host', rowHeader: true, title: (h) => `host ${h.id}`, render: (h) => h.name },
  { key: 'cpu', header: 'CPU', numeric: true, render: (h) => `${h.cpu}%` },
  { key: 'note', header: createElement('span', { className: 'visually-hidden' }, 'Note'), className: 'message', render: (h) => h.note },
];

type Props = Parameters<typeof DataTable<Host>>[0];
const render = (props: Partial<Props> = {}) => renderToStaticMarkup(createElement(DataTable<Host>, { columns: COLUMNS, rows: HOSTS, rowKey: (h) => h.id, ...props }));

test('a header row of column headers, in column order, numeric ones marked', () => {
  const html = render();
  assert.match(
    html,
    /^<table class="data-table"><thead><tr><th scope="col">Host<\/th><th scope="col" class="cell-number">CPU<\/th><th scope="col"><span class="visually-hidden">Note<\/span><\/th><\/tr><\/thead>/,
  );
});

test('a row per item, in order: the row-header column as <th scope="row">, the others as cells with their classes', () => {
  const html = render();
  assert.ok(
    html.includes(
      '<tbody>' +
        '<tr><th scope="row" title="host 7">web-1</th><td class="cell-number">12%</td><td class="message">fine</td></tr>' +
        '<tr><th scope="row" title="host 3">db-1</th><td class="cell-number">85%</td><td class="message">busy all night</td></tr>' +
        '</tbody></table>',
    ),
    html,
  );
});

test('no rows: the empty message instead of the table; without one, a table with no rows', () => {
  assert.equal(render({ rows: [], empty: 'No hosts yet.' }), '<p class="muted">No hosts yet.</p>');
  assert.equal(render({ rows: [], empty: 'No hosts yet.', scrollClassName: 'table-scroll' }), '<p class="muted">No hosts yet.</p>', 'not in the scrolling box');
  assert.match(render({ rows: [] }), /<tbody><\/tbody><\/table>$/);
  assert.doesNotMatch(render({ empty: 'No hosts yet.' }), /No hosts yet/, 'with rows the message is not shown');
});

test('accessible name, extra classes and the scrolling box', () => {
  assert.match(render({ label: 'Hosts', className: 'host-table', scrollClassName: 'table-scroll' }), /^<div class="table-scroll"><table class="data-table host-table" aria-label="Hosts">/);
});

test("row classes, a detail row under a chosen row spanning every column, and trailing rows after the items", () => {
  const html = render({
    rowClassName: (h) => (h.id === 3 ? 'selected' : undefined),
    rowDetail: (h) => h.id === 7 && 'detail of web-1',
    trailingRows: createElement('tr', null, createElement('th', { scope: 'row' }, 'Total')),
  });
  assert.ok(html.includes('<td class="message">fine</td></tr><tr><td colSpan="3">detail of web-1</td></tr><tr class="selected"><th scope="row" title="host 3">db-1</th>'), html);
  assert.ok(html.endsWith('<td class="message">busy all night</td></tr><tr><th scope="row">Total</th></tr></tbody></table>'), html);
  assert.equal((html.match(/colSpan/g) ?? []).length, 1, 'no detail row where rowDetail gives nothing');
});

test("each row is keyed by rowKey, so React keeps a row's state with its item when the list changes", () => {
  const seen: Host[] = [];
  // DataTable has no hooks: calling it shows the element tree React reconciles.
  const table = DataTable<Host>({ columns: COLUMNS, rows: HOSTS, rowKey: (h) => (seen.push(h), `host-${h.id}`) }) as ReactElement<{ children: ReactNode[] }>;
  const tbody = table.props.children[1] as ReactElement<{ children: [ReactElement[], ReactNode] }>;
  assert.deepEqual(
    tbody.props.children[0].map((row) => row.key),
    ['host-7', 'host-3'],
  );
  assert.deepEqual(seen, HOSTS);
});
