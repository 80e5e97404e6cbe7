// dom.js -- small helpers to build HTML and SVG elements.  Text goes in as
// text nodes, never as markup, so nothing from the store is read as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function fill(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** An HTML element: h('td', {class: 'num'}, '42'). */
export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element: s('circle', {r: 4}). */
export function s(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** A number as the tables show it ("" for none). */
export function num(x, digits = 0) {
  return x === null || x === undefined ? '' : Number(x).toFixed(digits);
}

/** Attributes that make a drawn shape act as a button: a click, or Enter
 * or Space once it has the keyboard's focus. */
export function pressable(label, fn) {
  return {
    tabindex: 0, role: 'button', 'aria-label': label, onclick: fn,
    onkeydown: (ev) => {
      if (ev.key !== 'Enter' && ev.key !== ' ') return;
      ev.preventDefault();
      fn();
    },
  };
}
