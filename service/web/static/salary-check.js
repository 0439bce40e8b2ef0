// While a position is drafted, shows the salary check as the fields change. Without JavaScript the
// form's "Check the salary" button gives the same answer; this only saves the click.
const form = document.querySelector("form[data-salary-check]");
if (form) {
  const slot = document.getElementById("salary-check-slot");
  let timer;
  let latest = 0;
  const refresh = async () => {
    const asked = ++latest;
    // FormData carries every field, the form's anti-forgery token (csrf_token) included.
    const response = await fetch(form.dataset.salaryCheck, { method: "POST", body: new FormData(form) });
    if (response.ok && asked === latest) slot.innerHTML = await response.text();  // only the newest answer
  };
  form.addEventListener("change", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
}
