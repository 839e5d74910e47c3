// Shows the latest sighting count on the page.
async function refresh() {
  const response = await fetch("/api/count");
  const { count } = await response.json();
  document.getElementById("count").textContent = String(count);
}

setInterval(refresh, 5000);
