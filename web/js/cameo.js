// cameo.js -- what the dashboard needs to know of CAMEO: the names of the
// twenty roots, and how an event counts in the analysis (neutral
// statements and appeals apart from cooperation).

export const ROOTS = [
  ['01', 'make public statement'], ['02', 'appeal'], ['03', 'express intent to cooperate'],
  ['04', 'consult'], ['05', 'engage in diplomatic cooperation'], ['06', 'engage in material cooperation'],
  ['07', 'provide aid'], ['08', 'yield'], ['09', 'investigate'], ['10', 'demand'], ['11', 'disapprove'],
  ['12', 'reject'], ['13', 'threaten'], ['14', 'protest'], ['15', 'exhibit force posture'],
  ['16', 'reduce relations'], ['17', 'coerce'], ['18', 'assault'], ['19', 'fight'],
  ['20', 'use unconventional mass violence'],
];

export const QUADS = { 1: 'verbal cooperation', 2: 'material cooperation', 3: 'verbal conflict', 4: 'material conflict' };

/** 'neutral', 'cooperation' or 'conflict' for an event {root, quad}. */
export function group(e) {
  if (e.root === '01' || e.root === '02') return 'neutral';
  return e.quad <= 2 ? 'cooperation' : 'conflict';
}

/** An actor code's country, as the store groups them: three letters, six
 * for an international organisation (IGOUNO). */
export function countryOf(code) {
  return code.startsWith('IGO') ? code.slice(0, 6) : code.slice(0, 3);
}
