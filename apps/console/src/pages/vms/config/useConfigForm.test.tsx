import type { KubeObject, VmDetail } from '@dvp/api';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../../i18n/i18n.tsx';
import { vmDetailFixture } from '../../../testing/vm-detail.ts';
import { useConfigForm } from './useConfigForm.ts';

afterEach(cleanup);

interface Version {
  rv: number;
  generation: number;
  cores?: number;
  phase?: string;
  /** The IP address's owner is the VM (it goes with the VM) or not (kept). */
  ipOwnedByVm?: boolean;
}

/** The VM page's data at one version of the VM (and its IP address). */
function detail(v: Version): VmDetail {
  const ip: KubeObject = {
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    kind: 'VirtualMachineIPAddress',
    metadata: {
      name: 'ip1',
      ...(v.ipOwnedByVm === false
        ? {}
        : {
            ownerReferences: [
              { apiVersion: 'v', kind: 'VirtualMachine', name: 'vm', uid: 'vm-uid' },
            ],
          }),
    },
  };
  return vmDetailFixture(
    {
      metadata: { uid: 'vm-uid', resourceVersion: String(v.rv), generation: v.generation },
      spec: { cpu: { cores: v.cores ?? 1 } },
      status: { phase: v.phase ?? 'Running' },
    },
    { ipAddress: ip as VmDetail['ipAddress'] },
  );
}

function mount(first: VmDetail) {
  const client = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <I18nProvider initial="en">{children}</I18nProvider>
    </QueryClientProvider>
  );
  return renderHook(({ d }: { d: VmDetail }) => useConfigForm(d, false), {
    wrapper,
    initialProps: { d: first },
  });
}

describe('useConfigForm follows the live VM', () => {
  it('moves the form to a newer VM while the user has no edits', () => {
    const h = mount(detail({ rv: 10, generation: 1 }));
    h.rerender({ d: detail({ rv: 12, generation: 2, cores: 2 }) });
    expect(h.result.current.form.getValues('cores')).toBe(2);
    expect(h.result.current.base.vm.metadata.resourceVersion).toBe('12');
    expect(h.result.current.dirty).toBe(false);
  });

  it('ignores a copy from before the spec it has (an event delivered after a fresh read)', () => {
    const h = mount(detail({ rv: 12, generation: 2, cores: 2 }));
    h.rerender({ d: detail({ rv: 11, generation: 1, cores: 1, phase: 'Starting' }) });
    expect(h.result.current.form.getValues('cores')).toBe(2);
    expect(h.result.current.base.vm.metadata.resourceVersion).toBe('12');
    // Typed now, the edit counts once against the VM as saved.
    act(() => h.result.current.form.setValue('cores', 4));
    expect(h.result.current.plan.diff.map((d) => d.path)).toEqual(['spec.cpu.cores']);
  });

  it('with an edit, a status-only change moves the baseline; other objects follow where untouched', () => {
    const h = mount(detail({ rv: 10, generation: 1 }));
    act(() => h.result.current.form.setValue('cores', 4));
    expect(h.result.current.form.getValues('keepIp')).toBe(false);
    // The controller writes status, and the IP address loses its VM owner elsewhere.
    h.rerender({ d: detail({ rv: 11, generation: 1, phase: 'Migrating', ipOwnedByVm: false }) });
    expect(h.result.current.base.vm.metadata.resourceVersion).toBe('11');
    expect(h.result.current.serverChanged).toBe(false);
    expect(h.result.current.form.getValues('cores')).toBe(4);
    expect(h.result.current.form.getValues('keepIp')).toBe(true);
    expect(h.result.current.plan.ops).toEqual([]);
    expect(h.result.current.plan.diff).toHaveLength(1);
  });

  it('with an edit, a spec change elsewhere keeps the baseline and says so', () => {
    const h = mount(detail({ rv: 10, generation: 1 }));
    act(() => h.result.current.form.setValue('cores', 4));
    h.rerender({ d: detail({ rv: 11, generation: 2, cores: 2 }) });
    expect(h.result.current.base.vm.metadata.resourceVersion).toBe('10');
    expect(h.result.current.serverChanged).toBe(true);
    expect(h.result.current.form.getValues('cores')).toBe(4);
  });
});
