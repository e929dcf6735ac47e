// Lighthouse (from the npm registry) over each address given, in one headless Chromium, with its default
// settings: a phone on a throttled network. Prints, for each address, the four categories' scores and the
// titles of the audits that lost points, as JSON on one line.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const [chromePath, ...urls] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"],
});
const report = {};
try {
  for (const url of urls) {
    const { lhr } = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error" });
    const scores = Object.fromEntries(Object.entries(lhr.categories).map(([key, category]) => [key, category.score]));
    const lost = Object.values(lhr.audits)
      .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative")
      .map((audit) => `${audit.id} (${audit.score})`);
    report[url] = { scores, lost };
  }
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(report));
