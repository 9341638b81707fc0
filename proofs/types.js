/**
 * The contract between the proofs (proofs/*.ts), `npm run proofs`, reports/proofs.json and the
 * HTML report. One ProofResult per claim of the paper.
 */
export {};
//# sourceMappingURL=types.js.map