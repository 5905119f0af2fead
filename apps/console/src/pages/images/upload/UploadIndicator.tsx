import { Link, useLocation } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useUploads, type UploadJob } from '../../../stores/uploads.ts';
import { imageHref, projectScope, CLUSTER_SCOPE } from '../scope.ts';
import { UploadProgress } from './UploadProgress.tsx';
import '../images.css';

const hrefOf = (j: UploadJob) =>
  imageHref(
    j.resource === 'clustervirtualimages' ? CLUSTER_SCOPE : projectScope(j.namespace ?? ''),
    j.name,
  );

/**
 * The uploads of this tab, small, in a corner of every page (the Shell mounts it), so the user
 * sees them while doing something else. The image page of an upload shows it in full instead.
 */
export function UploadIndicator() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const jobs = useUploads().filter((j) => !pathname.startsWith(hrefOf(j)));
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
