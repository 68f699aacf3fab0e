/** A form's last row: its one submit button. */
export function SubmitRow({ label, small = false }: { label: string; small?: boolean }) {
  return (
    <div className="form-actions">
      <button type="submit" className={small ? "btn btn-small" : "btn"}>
        {label}
      </button>
    </div>
  );
}
