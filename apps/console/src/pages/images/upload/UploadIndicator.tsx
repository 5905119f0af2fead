import { Link } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useUploads, type UploadJob } from '../../../stores/uploads.ts';
import { imageHref, projectScope, CLUSTER_SCOPE } from '../scope.ts';
import { UploadProgress } from './UploadProgress.tsx';

const hrefOf = (j: UploadJob) =>
  imageHref(
    j.resource === 'clustervirtualimages' ? CLUSTER_SCOPE : projectScope(j.namespace ?? ''),
    j.name,
  );

/**
 * The uploads of this tab, small, in a corner of every page that mounts it, so the user sees
 * them while doing something else. (Meant for the Shell; the Images pages mount it meanwhile.)
 */
export function UploadIndicator({ except }: { except?: string }) {
  const { t } = useI18n();
  const jobs = useUploads().filter((j) => j.key !== except);
  if (!jobs.length) return null;
  return (
    <section className="img-uploads" aria-label={t('images.upload.region')}>
      <ul>
        {jobs.map((j) => (
          <li key={j.key}>
            <p className="img-uploads-title">
              <strong>{t('images.upload.title', { file: j.fileName })}</strong>{' '}
              <Link to={hrefOf(j)}>{t('images.upload.to', { name: j.name })}</Link>
            </p>
            <UploadProgress job={j} compact />
          </li>
        ))}
      </ul>
    </section>
  );
}
