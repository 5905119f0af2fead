import { describe, expect, it } from 'vitest';
import { CLUSTER_SCOPE, projectScope } from '../scope.ts';
import {
  imageBody,
  imageFormDefaults,
  isImageReference,
  isImageUrl,
  validateImageForm,
  type ImageFormValues,
} from './build.ts';

const project = projectScope('demo');
const values = (patch: Partial<ImageFormValues>, scope = project): ImageFormValues => ({
  ...imageFormDefaults(scope),
  ...patch,
});

describe('image create forms', () => {
  it('checks the name by the apiserver and DVP webhook rules', () => {
    expect(validateImageForm(project, 'http', values({ name: '' })).name?.key).toBe(
      'images.err.required',
    );
    expect(validateImageForm(project, 'http', values({ name: 'Ubuntu' })).name?.key).toBe(
      'images.err.name',
    );
    // Dots pass DNS-1123 but the VI webhook forbids them.
    const dotted = validateImageForm(project, 'http', values({ name: 'ubuntu.22' })).name;
    expect(dotted?.values?.message).toContain("'.' is forbidden");
    expect(validateImageForm(project, 'upload', values({ name: 'ok' })).name).toBeUndefined();
  });

  it('takes the CRD patterns for URLs and container images', () => {
    expect(isImageUrl('https://cloud-images.ubuntu.com/noble/current/x.img')).toBe(true);
    expect(isImageUrl('http://127.0.0.1:6480/catalogue/demo.qcow2')).toBe(true);
    expect(isImageUrl('ftp://host/x.img')).toBe(false);
    expect(isImageUrl('https://host/a b.img')).toBe(false);
    expect(isImageReference('registry.example.com/images/slackware:15')).toBe(true);
    expect(isImageReference('127.0.0.1:6480/catalogue/demo:latest')).toBe(true);
    expect(isImageReference('Registry/UPPER')).toBe(false);
  });

  it('asks for what each source needs', () => {
    const e = (source: Parameters<typeof validateImageForm>[1], v: Partial<ImageFormValues>) =>
      validateImageForm(project, source, values({ name: 'img', ...v }));
    expect(e('http', {}).url?.key).toBe('images.err.required');
    expect(e('http', { url: 'nope' }).url?.key).toBe('images.err.url');
    expect(e('registry', { image: 'a b' }).image?.key).toBe('images.err.image');
    expect(e('upload', {}).file?.key).toBe('images.err.file');
    expect(e('upload', { file: new File([], 'empty.img') }).file?.key).toBe('images.err.emptyFile');
    expect(e('ref', {}).refName?.key).toBe('images.err.required');
    // A cluster image copying a project object needs the object's project.
    const cvi = validateImageForm(
      CLUSTER_SCOPE,
      'ref',
      values({ name: 'img', refKind: 'VirtualDisk', refName: 'd' }, CLUSTER_SCOPE),
    );
    expect(cvi.refNamespace?.key).toBe('images.err.required');
  });

  it('builds a project image with its storage', () => {
    const body = imageBody(
      project,
      'http',
      values({
        name: 'ubuntu',
        url: ' https://x/y.img ',
        storage: 'PersistentVolumeClaim',
        storageClass: 'fast',
      }),
    );
    expect(body).toEqual({
      apiVersion: 'virtualization.deckhouse.io/v1alpha2',
      kind: 'VirtualImage',
      metadata: { name: 'ubuntu' },
      spec: {
        dataSource: { type: 'HTTP', http: { url: 'https://x/y.img' } },
        storage: 'PersistentVolumeClaim',
        persistentVolumeClaim: { storageClassName: 'fast' },
      },
    });
    expect(imageBody(project, 'upload', values({ name: 'u' })).spec).toEqual({
      dataSource: { type: 'Upload' },
      storage: 'ContainerRegistry',
    });
  });

  it('builds cluster images without storage, with namespaces where the CRD wants them', () => {
    const reg = imageBody(
      CLUSTER_SCOPE,
      'registry',
      values(
        { name: 'c', image: 'r.io/a:1', pullSecret: 's', pullSecretNamespace: 'ns' },
        CLUSTER_SCOPE,
      ),
    );
    expect(reg.kind).toBe('ClusterVirtualImage');
    expect(reg.spec).toEqual({
      dataSource: {
        type: 'ContainerImage',
        containerImage: { image: 'r.io/a:1', imagePullSecret: { name: 's', namespace: 'ns' } },
      },
    });
    const ref = (refKind: ImageFormValues['refKind']) =>
      imageBody(
        CLUSTER_SCOPE,
        'ref',
        values({ name: 'c', refKind, refName: 'x', refNamespace: 'demo' }, CLUSTER_SCOPE),
      ).spec;
    expect(ref('VirtualDisk')).toEqual({
      dataSource: {
        type: 'ObjectRef',
        objectRef: { kind: 'VirtualDisk', name: 'x', namespace: 'demo' },
      },
    });
    expect(ref('ClusterVirtualImage')).toEqual({
      dataSource: { type: 'ObjectRef', objectRef: { kind: 'ClusterVirtualImage', name: 'x' } },
    });
  });
});
