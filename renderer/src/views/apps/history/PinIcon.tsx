// A push pin, drawn rather than an emoji so it shows on every system.
export function PinIcon() {
  return (
    <svg className="pin-icon" viewBox="0 0 16 16" aria-hidden="true">
      <path
        d="M5.5 1.5h5l-.8 1.6v3.6l2.3 2.3v1.2H9v4.3L8 15.5l-1-1v-4.3H4V9l2.3-2.3V3.1z"
        fill="currentColor"
      />
    </svg>
  );
}
