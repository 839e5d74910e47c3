module.exports = function leftpad(s, n, c) {
  while (s.length < n) s = (c || " ") + s;
  return s;
};
