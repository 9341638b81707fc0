// Child process for nerdamerTraps.test.ts: nerdamer simplify of (A⁻¹)₀₀ − 1/(Schur complement of
// a symmetric 3×3 A). Prints "done" if it finishes; the test kills it after a few seconds.
import nerdamer from 'nerdamer';
import 'nerdamer/Algebra.js';
import 'nerdamer/Calculus.js';

const inv00 = nerdamer('matget(invert(matrix([a,b,c],[b,d,f],[c,f,g])),0,0)').toString();
const schur = '1/(a - (b*(g*b - f*c) + c*(d*c - f*b))/(d*g - f^2))';
const out = nerdamer(`simplify((${inv00}) - (${schur}))`).toString();
console.log(`done ${out}`);
