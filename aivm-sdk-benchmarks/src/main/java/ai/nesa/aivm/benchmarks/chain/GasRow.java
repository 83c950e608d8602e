package ai.nesa.aivm.benchmarks.chain;

/**
 * One measured transaction: the ledger operation, its form, the {@code gasUsed} of its receipt and
 * which storage case it hit.
 *
 * @param operation e.g. {@code publish-version}
 * @param form {@link #RELAYED} (an {@code Auth} its signer signed, sent by a relayer), {@link
 *     #DIRECT} (the sender acts for itself) or {@code -} for the deployment
 * @param gas the receipt's {@code gasUsed}, refunds taken off
 * @param scenario what the transaction wrote, e.g. whether a slot went from zero to non-zero
 */
record GasRow(String operation, String form, long gas, String scenario) {
  static final String RELAYED = "relayed";
  static final String DIRECT = "direct";
}
