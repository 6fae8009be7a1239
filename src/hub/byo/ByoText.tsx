import { TextField } from "azure-devops-ui/TextField";
import { Field } from "../common/Field";

/** A text field with the seed's label, its validation message shown once the person tried to save. */
export function Text({
  label,
  value,
  onChange,
  error,
  secret,
  hint,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  secret?: boolean;
  hint?: string;
  placeholder?: string;
}) {
  return (
    <Field label={label} error={error} hint={hint} required>
      <TextField
        value={value}
        onChange={(_, v) => onChange(v)}
        inputType={secret ? "password" : "text"}
        ariaLabel={label}
        placeholder={placeholder}
        autoComplete={false}
      />
    </Field>
  );
}
