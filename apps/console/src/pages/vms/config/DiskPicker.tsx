import { useState } from 'react';
import { useT } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { SelectInput } from '../../../ui/Field.tsx';

/** Choose one of the project's free disks, then confirm with the button (add or attach). */
export function DiskPicker({
  label,
  action,
  choices,
  onPick,
}: {
  label: string;
  action: string;
  choices: string[];
  onPick: (disk: string) => void;
}) {
  const t = useT();
  const [pick, setPick] = useState('');
  return (
    <div className="config-row">
      <SelectInput
        label={label}
        value={pick}
        onChange={(e) => setPick(e.target.value)}
        options={[
          {
            value: '',
            label: choices.length ? t('vm-config.chooseDisk') : t('vm-config.noFreeDisks'),
          },
          ...choices.map((d) => ({ value: d, label: d })),
        ]}
      />
      <Button
        size="sm"
        disabledReason={pick === '' ? t('vm-config.chooseDiskFirst') : undefined}
        onClick={() => {
          onPick(pick);
          setPick('');
        }}
      >
        {action}
      </Button>
    </div>
  );
}
