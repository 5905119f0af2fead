import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../../i18n/i18n.tsx';
import { KeyValueEditor } from './KeyValueEditor.tsx';
import type { StringMap } from './meta-edit.ts';

let latest: StringMap = {};

function Harness({ initial }: { initial: StringMap }) {
  const [value, setValue] = useState(initial);
  return (
    <I18nProvider initial="en">
      <KeyValueEditor
        kind="labels"
        value={value}
        onChange={(next) => {
          latest = next;
          setValue(next);
        }}
      />
    </I18nProvider>
  );
}

afterEach(cleanup);

describe('KeyValueEditor', () => {
  it('adds a row when Enter is pressed in the value, and removes rows', () => {
    render(<Harness initial={{ app: 'web' }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    const key = screen.getByLabelText('Key');
    expect(document.activeElement).toBe(key);
    fireEvent.change(key, { target: { value: 'tier' } });
    const value = screen.getByLabelText('Value', { exact: true });
    fireEvent.change(value, { target: { value: 'front' } });
    fireEvent.keyDown(value, { key: 'Enter' });
    expect(latest).toEqual({ app: 'web', tier: 'front' });
    expect(screen.getByLabelText('Value of tier')).toHaveProperty('value', 'front');
    fireEvent.click(screen.getByRole('button', { name: 'Remove app' }));
    expect(latest).toEqual({ tier: 'front' });
  });

  it('refuses invalid and duplicate keys and invalid label values with field errors', () => {
    latest = { app: 'web' };
    render(<Harness initial={{ app: 'web' }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    const key = screen.getByLabelText('Key');
    fireEvent.change(key, { target: { value: 'app' } });
    fireEvent.keyDown(key, { key: 'Enter' });
    expect(screen.getByText('This key already exists.')).toBeTruthy();
    fireEvent.change(key, { target: { value: 'ok' } });
    fireEvent.change(screen.getByLabelText('Value', { exact: true }), {
      target: { value: 'has space' },
    });
    fireEvent.keyDown(key, { key: 'Enter' });
    expect(screen.getByText(/A label value has at most 63 characters/)).toBeTruthy();
    expect(latest).toEqual({ app: 'web' });
    fireEvent.change(screen.getByLabelText('Value of app'), { target: { value: 'x'.repeat(64) } });
    expect(screen.getByLabelText('Value of app').getAttribute('aria-invalid')).toBe('true');
  });
});
