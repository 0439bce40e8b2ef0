// On a small screen, folds the parts marked data-collapse-small (a list's filters, profile tips) so the
// results come first; a fold with an error inside stays open. Without JavaScript they stay open.
if (window.matchMedia("(max-width: 600px)").matches) {
  for (const fold of document.querySelectorAll("details[data-collapse-small]")) {
    if (!fold.querySelector("[aria-invalid='true']")) fold.open = false;
  }
}
// A copy-link button: copies its link's address and says so; without JavaScript it is a plain link.
for (const link of document.querySelectorAll("a[data-copy]")) {
  link.addEventListener("click", async (event) => {
    if (!navigator.clipboard) return;  // the link is followed instead
    event.preventDefault();
    await navigator.clipboard.writeText(link.href);
    const said = link.parentElement.querySelector("[data-copied]");
    if (said) said.hidden = false;
  });
}
