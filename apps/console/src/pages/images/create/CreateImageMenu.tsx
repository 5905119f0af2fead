import { useSearchParams } from 'react-router';
import { useCan } from '../../../api/session.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Menu } from '../../../ui/Menu.tsx';
import { namespaceOf, resourceOf, type ImageScope } from '../scope.ts';
import type { ImageSourceChoice } from './build.ts';

/** The search param that opens a create dialog (`?create=http`): dialogs are deep links. */
export const CREATE_PARAM = 'create';

/** "Create Image" with the seeds' choices; disabled with the reason when the user may not. */
export function CreateImageMenu({ scope }: { scope: ImageScope }) {
  const t = useT();
  const [, setSearch] = useSearchParams();
  const can = useCan('create', resourceOf(scope), namespaceOf(scope));
  if (!can.allowed)
    return (
      <Button variant="primary" disabledReason={t(can.reason ?? 'common.forbidden')}>
        {t('images.create')}
      </Button>
    );
  const open = (source: ImageSourceChoice) =>
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      next.set(CREATE_PARAM, source);
      return next;
    });
  return (
    <Menu
      className="img-create-menu"
      label={t('images.create')}
      trigger={t('images.create')}
      items={[
        {
          id: 'http',
          label: t(scope.cluster ? 'images.create.httpCluster' : 'images.create.http'),
          onSelect: () => open('http'),
        },
        { id: 'registry', label: t('images.create.registry'), onSelect: () => open('registry') },
        { id: 'upload', label: t('images.create.upload'), onSelect: () => open('upload') },
        { id: 'ref', label: t('images.create.ref'), onSelect: () => open('ref') },
      ]}
    />
  );
}
