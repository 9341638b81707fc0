/**
 * The contract between the proofs (proofs/*.ts), `npm run proofs`, reports/proofs.json and the
 * HTML report. One ProofResult per claim of the paper.
 */
/** Outcome of one route of a proof. `ok: null` means the route could not decide (said in `detail`). */
export interface RouteOutcome {
    readonly ok: boolean | null;
    readonly detail: string;
}
/** One machine-checked claim. */
export interface ProofResult {
    /** Stable identifier, e.g. "eq12-schur-sum-rules". */
    readonly id: string;
    /** The claim in one line of plain text. */
    readonly claim: string;
    /** Where it comes from: "paper Eq. 12; docs/physics.md §4". */
    readonly source: string;
    /** The claim stated in LaTeX (KaTeX-renderable, display mode). */
    readonly statementLatex: string;
    /** Derivation steps in LaTeX (KaTeX-renderable, display mode), in order. */
    readonly derivationLatex: readonly string[];
    /** Route 1: symbolic derivation (nerdamer builds/prints; our exact core decides where nerdamer cannot). */
    readonly symbolic: RouteOutcome;
    /** Route 2: exact rational arithmetic at random rational points (Schwartz–Zippel). */
    readonly rational: RouteOutcome & {
        readonly points: number;
        readonly failureProbabilityBound: string;
    };
    /** Route 3: the full NEGF solver (benzene junction and, where the claim is general, a random system). */
    readonly numeric: RouteOutcome & {
        readonly maxError: number;
        readonly tolerance: number;
    };
    /**
     * proved: all routes agree with the paper; conditional: true only under a condition the paper does not
     * state (given in notes); refuted: false as stated (counter-example in notes); failed: a route failed.
     */
    readonly verdict: 'proved' | 'conditional' | 'refuted' | 'failed';
    /** Conditions, counter-examples, nerdamer traps met, and anything a reader should know. */
    readonly notes: readonly string[];
    /** Wall time of this proof in seconds. */
    readonly seconds: number;
}
//# sourceMappingURL=types.d.ts.map