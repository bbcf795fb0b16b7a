// Lazy picker: clicking a result puts its id in the hidden input and its text in the search box.
document.addEventListener("click", function (event) {
  var choice = event.target.closest("[data-pick]");
  if (!choice) return;
  var picker = choice.closest(".picker");
  picker.querySelector("input[type=hidden]").value = choice.dataset.pick;
  picker.querySelector("input[type=search]").value = choice.textContent;
  picker.querySelector(".picker-results").innerHTML = "";
});
