import { REQUESTED_BY_ANNOTATION, type VirtualMachineOperation, type VmDetail } from '@dvp/api';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../../i18n/i18n.tsx';
import type { Locale } from '../../../i18n/messages/index.ts';
import { vmDetailFixture } from '../../../testing/vm-detail.ts';
import { EventsTab } from './EventsTab.tsx';
import { operationAuthor } from './events.ts';

function op(name: string, annotations?: Record<string, string>): VirtualMachineOperation {
  return {
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    kind: 'VirtualMachineOperation',
    metadata: {
      name,
      uid: `uid-${name}`,
      creationTimestamp: '2026-01-01T00:00:00Z',
      ...(annotations ? { annotations } : {}),
    },
    spec: { type: 'Start', virtualMachineName: 'vm' },
    status: { phase: 'Completed' },
  };
}

const byConsole = op('vm-start-a', { [REQUESTED_BY_ANNOTATION]: 'dave' });
const byKubectl = op('vm-start-b', { 'example.com/created-by': 'someone' });

/** The parts of a VM page's data the Events tab reads. */
const detail = (operations: VirtualMachineOperation[]): VmDetail =>
  vmDetailFixture({}, { operations });

function renderTab(locale: Locale) {
  render(
    <I18nProvider initial={locale}>
      <EventsTab detail={detail([byConsole, byKubectl])} />
    </I18nProvider>,
  );
  const rows = screen.getAllByRole('row');
  const cellOf = (name: string) => {
    const row = rows.find((r) => within(r).queryByText(name));
    if (!row) throw new Error(`no row ${name}`);
    // Name, type, phase, progress, who, when.
    return within(row).getAllByRole('cell')[4] as HTMLElement;
  };
  return cellOf;
}

describe('Events tab: who asked for an operation', () => {
  afterEach(cleanup);

  it('reads only the BFF’s annotation', () => {
    expect(operationAuthor(byConsole)).toBe('dave');
    expect(operationAuthor(byKubectl)).toBeUndefined();
    expect(operationAuthor(op('plain'))).toBeUndefined();
  });

  it('names the user, or says it was not recorded (en)', () => {
    const who = renderTab('en');
    expect(who('vm-start-a').textContent).toBe('dave');
    const none = who('vm-start-b');
    expect(none.textContent).toBe('—Not recorded (created outside the console)');
    expect(none.querySelector('[title]')?.getAttribute('title')).toBe(
      'Not recorded (created outside the console)',
    );
  });

  it('in Russian', () => {
    const who = renderTab('ru');
    expect(who('vm-start-b').querySelector('[title]')?.getAttribute('title')).toBe(
      'Не записано (создана вне консоли)',
    );
  });
});
