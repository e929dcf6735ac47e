// The article's "Copy link" button: shown only where this script runs, it copies the article's address and
// says so in the status line beside it.
for (const button of document.querySelectorAll("[data-copy]")) {
  const status = button.closest(".share")?.querySelector(".copy-status");
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(button.dataset.copy);
      if (status) status.textContent = "Link copied.";
    } catch {
      if (status) status.textContent = `Copy this link: ${button.dataset.copy}`;
    }
  });
}
