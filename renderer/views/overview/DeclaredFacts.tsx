import type { DeclaredEnvironment } from '../../../preload/contract.ts';

const FACTS = {
  domain: 'Target domain',
  vmAddress: 'VM address',
  provider: 'Provider',
  region: 'Region',
  instanceType: 'Instance type',
  monthlyCost: 'Monthly cost',
} as const satisfies Record<keyof DeclaredEnvironment, string>;

interface Props {
  declared: DeclaredEnvironment;
  source: string | null;
  allProjects: boolean;
}

/** Facts the app cannot measure, each labelled with the file that declared it, or "not declared". */
export function DeclaredFacts({ declared, source, allProjects }: Props) {
  if (allProjects) {
    return (
      <>
        <h3>Environment</h3>
        <p className="muted">Declared facts (domain, VM address, provider…) belong to one project: choose a project to see them.</p>
      </>
    );
  }
  return (
    <>
      <h3>Environment</h3>
      <dl className="facts declared">
        {(Object.keys(FACTS) as (keyof DeclaredEnvironment)[]).map((key) => {
          const value = declared[key];
          return (
            <div key={key} className="fact">
              <dt>{FACTS[key]}</dt>
              <dd>
                {value ? (
                  <>
                    {value} <span className="declared-tag">declared in {source ?? 'an unknown file'}</span>
                  </>
                ) : (
                  <span className="muted">not declared</span>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </>
  );
}
