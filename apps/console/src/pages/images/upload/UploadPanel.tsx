import { useState } from 'react';
import { useSession } from '../../../api/session.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { isActive, uploadKey, uploads, useUpload } from '../../../stores/uploads.ts';
import { Button } from '../../../ui/Button.tsx';
import { FileField } from '../create/FileField.tsx';
import type { ImageView } from '../model.ts';
import { namespaceOf, resourceOf, type ImageScope } from '../scope.ts';
import { UploadProgress } from './UploadProgress.tsx';

/**
 * The image page's upload: this tab's upload of the image in full, or (for an image that
 * waits for its file and no upload runs here, e.g. after a reload) a file picker; the BFF
 * resumes its session for the same file, so an interrupted upload continues where it stopped.
 */
export function UploadPanel({
  scope,
  name,
  view,
}: {
  scope: ImageScope;
  name: string;
  view: ImageView;
}) {
  const t = useT();
  const { session } = useSession();
  const resource = resourceOf(scope);
  const namespace = namespaceOf(scope);
  const job = useUpload(uploadKey(resource, namespace, name));
  const [file, setFile] = useState<File | null>(null);
  const waiting =
    view.source.type === 'Upload' &&
    (view.phase === 'WaitForUserUpload' || view.phase === 'Provisioning');
  // A running or finished upload here: no second picker (the image may still say Provisioning).
  const busy = !!job && (isActive(job) || job.phase === 'done' || job.phase === 'verifying');
  const offerPicker = waiting && !busy;
  if (!job && !offerPicker) return null;
  const start = () => {
    if (!file) return;
    uploads.start({
      resource,
      ...(namespace ? { namespace } : {}),
      name,
      file,
      ...(session.csrfToken ? { csrfToken: session.csrfToken } : {}),
    });
  };
  return (
    <div className="img-upload-panel">
      {job && isActive(job) ? <p className="field-hint">{t('images.upload.keepOpen')}</p> : null}
      {job ? <UploadProgress job={job} /> : null}
      {offerPicker ? (
        <>
          <p>{t('images.upload.waiting')}</p>
          <FileField file={file} onChange={setFile} />
          <Button
            variant="primary"
            disabledReason={file ? undefined : t('images.err.file')}
            onClick={start}
          >
            {t('images.create.upload')}
          </Button>
        </>
      ) : null}
    </div>
  );
}
