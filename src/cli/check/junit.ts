// JUnit XML for CI systems: one testcase per test × model, failures with
// the states that decided them, input errors as <error>.

import type { CheckRecord } from './record.js';

/** JUnit XML for check records: a testcase per test × model. */
export function junitXml(records: CheckRecord[]): string {
  const failures = records.filter((r) => !r.pass && r.error === undefined).length;
  const errors = records.filter((r) => r.error !== undefined).length;
  const time = records.reduce((sum, r) => sum + r.seconds, 0).toFixed(3);
  const cases = records.map((r) => {
    const open = `    <testcase name="${escape(`${r.name} [${r.model}]`)}" classname="${escape(r.file)}" time="${r.seconds.toFixed(3)}"`;
    if (r.error !== undefined) return `${open}>\n      <error message="${escape(firstLine(r.error))}">${escape(r.error)}</error>\n    </testcase>`;
    if (!r.pass) {
      const message = `${r.verdict}, expected ${r.expected}`;
      return `${open}>\n      <failure message="${escape(message)}">${escape([message, ...r.explanation].join('\n'))}</failure>\n    </testcase>`;
    }
    return `${open}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="litmus check" tests="${records.length}" failures="${failures}" errors="${errors}" time="${time}">`,
    `  <testsuite name="litmus" tests="${records.length}" failures="${failures}" errors="${errors}" time="${time}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}

function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 cannot hold at all (terminal colour codes among them).
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}
