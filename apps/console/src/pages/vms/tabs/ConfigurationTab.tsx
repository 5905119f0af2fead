import type { VmDetail } from '@dvp/api';
import { nameOf } from '../config/values.ts';
import { FormProvider } from 'react-hook-form';
import { useCan } from '../../../api/session.tsx';
import { FormError } from '../../../components/form/FormError.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { DisksSection } from '../config/DisksSection.tsx';
import { LeaveGuard } from '../../../components/form/LeaveGuard.tsx';
import { MachineSection } from '../config/MachineSection.tsx';
import { NetworkSection } from '../config/NetworkSection.tsx';
import { PendingChanges } from '../config/PendingChanges.tsx';
import { PlacementSection } from '../config/PlacementSection.tsx';
import { SaveDialog } from '../config/SaveDialog.tsx';
import { SettingsSection } from '../config/SettingsSection.tsx';
import { useConfigForm } from '../config/useConfigForm.ts';
import { useSizing } from '../config/useSizing.ts';
import '../config/vm-config.css';

/**
 * The VM's Configuration tab (seed 000 "How to change the VM configuration in the web
 * interface"): pending changes and restart on top, then the create form's sections; Save shows
 * the diff of a JSON merge patch against the VM as loaded and applies it with its
 * resourceVersion.
 */
export function ConfigurationTab({ detail }: { detail: VmDetail }) {
  const t = useT();
  const namespace = detail.vm.metadata.namespace ?? '';
  const can = useCan('patch', 'virtualmachines', namespace, nameOf(detail.vm));
  const c = useConfigForm(detail, !can.allowed);
  const sizing = useSizing(detail, c.values);
  const blockedReason = !can.allowed
    ? t(can.reason ?? 'common.forbidden')
    : sizing.issues.length > 0
      ? t('vm-config.fixSizing')
      : !c.dirty
        ? t('vm-config.noChanges')
        : undefined;
  return (
    <div className="config-tab">
      <PendingChanges detail={detail} />
      {c.serverChanged ? (
        <div className="banner banner-info" role="status">
          <p>{t('vm-config.serverChanged')}</p>
          <Button size="sm" onClick={c.discard}>
            {t('vm-config.discardAndReload')}
          </Button>
        </div>
      ) : null}
      <FormProvider {...c.form}>
        <form
          noValidate
          aria-label={t('vm-config.formLabel')}
          onSubmit={(e) => {
            e.preventDefault();
            if (!blockedReason) c.startReview();
          }}
        >
          <MachineSection issues={sizing.issues} hints={sizing.hints} />
          <SettingsSection />
          <PlacementSection />
          <DisksSection detail={detail} />
          <NetworkSection detail={detail} />
          <FormError
            error={c.error}
            unmapped={c.unmapped}
            onReloadAndReapply={c.reloadAndReapply}
          />
          <div className="config-actions">
            <Button type="submit" variant="primary" disabledReason={blockedReason}>
              {t('common.save')}
            </Button>
            <Button
              disabledReason={c.dirty ? undefined : t('vm-config.noChanges')}
              onClick={c.discard}
            >
              {t('common.reset')}
            </Button>
            {c.dirty ? (
              <span className="muted" role="status">
                {t('vm-config.unsaved', { count: c.plan.diff.length + c.plan.ops.length })}
              </span>
            ) : null}
          </div>
        </form>
      </FormProvider>
      <SaveDialog
        plan={c.review?.plan ?? null}
        busy={c.busy}
        onConfirm={c.apply}
        onClose={c.closeReview}
      />
      <LeaveGuard
        when={c.dirty}
        title={t('vm-config.leaveTitle')}
        text={t('vm-config.leaveText')}
        stayLabel={t('vm-config.stay')}
        leaveLabel={t('vm-config.leave')}
      />
    </div>
  );
}
