import type { VmRow } from '@dvp/api';
import { describe, expect, it } from 'vitest';
import { planBulk } from '../../../components/vm/vm-actions.ts';
import { translate, type MessageValues } from '../../../i18n/i18n.tsx';
import type { MessageKey } from '../../../i18n/messages/index.ts';
import { vmRowFixture } from '../../../testing/vm-row.ts';
import { bulkSummary } from './bulk-summary.ts';

const row = (name: string, phase: string): VmRow => vmRowFixture({ name, phase });

const en = (key: MessageKey, values?: MessageValues) => translate('en', key, values);
const ru = (key: MessageKey, values?: MessageValues) => translate('ru', key, values);

describe('bulkSummary', () => {
  const rows = [
    row('a', 'Running'),
    row('b', 'Running'),
    row('c', 'Pending'),
    row('d', 'Stopped'),
    row('e', 'Stopped'),
  ];

  it('names the VMs acted on and the skipped ones', () => {
    expect(bulkSummary(en, planBulk('stop', rows))).toEqual([
      'Stop 3 VMs: a, b, c.',
      '2 selected VMs are already stopped and will be skipped: d, e.',
    ]);
  });

  it('uses the singular and says when nothing applies', () => {
    expect(bulkSummary(en, planBulk('start', [row('a', 'Running')]))).toEqual([
      'None of the selected VMs can do this now.',
      '1 selected VM is not stopped and will be skipped: a.',
    ]);
  });

  it('lists apart the VMs their startup policy holds on or off', () => {
    const on = vmRowFixture({ name: 'on', phase: 'Running', runPolicy: 'AlwaysOn' });
    const off = vmRowFixture({ name: 'off', phase: 'Stopped', runPolicy: 'AlwaysOff' });
    expect(
      bulkSummary(en, planBulk('stop', [row('a', 'Running'), on, row('d', 'Stopped')])),
    ).toEqual([
      'Stop 1 VM: a.',
      '1 selected VM is already stopped and will be skipped: d.',
      '1 selected VM is held on or off by the startup policy and will be skipped: on.',
    ]);
    expect(bulkSummary(ru, planBulk('start', [on, off]))).toEqual([
      'Ни одна из выбранных ВМ сейчас не может этого сделать.',
      '2 выбранные ВМ удерживаются политикой запуска и будут пропущены: on, off.',
    ]);
  });

  it('says that disks are kept on delete', () => {
    expect(bulkSummary(en, planBulk('delete', [row('a', 'Running')]))).toEqual([
      'Delete 1 VM: a. Their disks are kept.',
    ]);
  });

  it('uses Russian plural forms', () => {
    const many = Array.from({ length: 5 }, (_, i) => row(`s${i}`, 'Stopped'));
    expect(bulkSummary(ru, planBulk('stop', [row('a', 'Running'), ...many]))[1]).toBe(
      '5 выбранных ВМ уже остановлены и будут пропущены: s0, s1, s2, s3, s4.',
    );
  });

  it('shortens long name lists', () => {
    const many = Array.from({ length: 12 }, (_, i) => row(`vm${i}`, 'Running'));
    expect(bulkSummary(en, planBulk('restart', many))[0]).toBe(
      'Restart 12 VMs: vm0, vm1, vm2, vm3, vm4, vm5, vm6, vm7, vm8, vm9, ….',
    );
  });
});
