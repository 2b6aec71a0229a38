// Pre-select the browser's IANA time zone in the sign-up form (a file, not inline: the CSP forbids inline script).
document.addEventListener("DOMContentLoaded", () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (const select of document.querySelectorAll("select[data-detect-time-zone]")) {
    if (zone && Array.from(select.options).some((option) => option.value === zone)) select.value = zone;
  }
});
