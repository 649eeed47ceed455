package io.selection.api.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;

/**
 * Axon's transactions, each one ended by the end of the unit of work that started it. Axon's unit of
 * work rolls back on an exception in its commit phase but not on an {@link Error} (PgJDBC's
 * assertions throw one when a connection dies in the middle of a batch): it skips its rollback
 * handlers, the transaction stays bound to the thread, and every later transaction on that thread
 * joins it, on a dead connection or never committed: a vote writer that never commits again, a
 * pooled request thread holding the edition's locks. The unit of work still runs its clean-up phase
 * then, so every transaction started inside one registers a clean-up that rolls it back if neither
 * its commit nor its rollback ran, whatever the rollback itself throws (Spring unbinds the
 * connection even when its rollback fails). The skipped rollback handlers would have evicted the
 * failed command's aggregate from the cache, which holds its unstored changes: {@code afterAbandon}
 * empties it, and Axon's time limit on the transaction, which only its commit or rollback ends, is ended
 * (else its janitor interrupts the pooled thread a minute later, in another request). Each such
 * transaction is logged and counted ({@code selection_transactions_leaked_total}).
 */
public final class RollingBackTransactionManager implements TransactionManager {

    private static final Logger log = LoggerFactory.getLogger(RollingBackTransactionManager.class);
    /** The root unit of work's resource under which Axon keeps its time limit on the transaction. */
    static final String TIME_LIMIT = "_transactionTimeLimit";

    private final TransactionManager transactions;
    private final Runnable afterAbandon;
    private final Counter abandoned;

    public RollingBackTransactionManager(TransactionManager transactions, MeterRegistry meters, Runnable afterAbandon) {
        this.transactions = transactions;
        this.afterAbandon = afterAbandon;
        this.abandoned = Counter.builder("selection.transactions.leaked")
                .description("transactions a failure left open at the end of their unit of work, rolled back then")
                .register(meters);
    }

    @Override
    public Transaction startTransaction() {
        Ended transaction = new Ended(transactions.startTransaction());
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().onCleanup(transaction::abandon);
        }
        return transaction;
    }

    /** A transaction that knows whether it was committed or rolled back. */
    private final class Ended implements Transaction {
        private final Transaction transaction;
        private boolean ended;

        Ended(Transaction transaction) {
            this.transaction = transaction;
        }

        @Override
        public void commit() {
            ended = true;
            transaction.commit();
        }

        @Override
        public void rollback() {
            ended = true;
            transaction.rollback();
        }

        void abandon(UnitOfWork<?> unitOfWork) {
            if (ended) {
                return;
            }
            ended = true;
            abandoned.increment();
            log.error("a unit of work on {} ended with its transaction open (an Error in its commit); it is rolled"
                    + " back", Thread.currentThread().getName());
            try {
                transaction.rollback();
            } catch (RuntimeException | Error rollbackFailed) {
                log.warn("rolling back the abandoned transaction failed; its connection is released", rollbackFailed);
            } finally {
                endTimeLimit(unitOfWork);
                afterAbandon.run();
            }
        }
    }

    /**
     * Axon's time limit on the unit of work's transaction ({@code UnitOfWorkTimeoutInterceptor},
     * kept as the root's resource {@value #TIME_LIMIT}) ends only on its commit or rollback, and
     * neither ran: it is ended here, or Axon's janitor interrupts this (pooled) thread when the
     * limit runs out, in whatever request it serves by then. The task's class is not public:
     * its public {@code complete()} is called reflectively.
     */
    private static void endTimeLimit(UnitOfWork<?> unitOfWork) {
        Object limit = unitOfWork.root().resources().get(TIME_LIMIT);
        if (limit == null) {
            return;
        }
        try {
            Method complete = limit.getClass().getMethod("complete");
            complete.setAccessible(true);
            complete.invoke(limit);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("could not end Axon's time limit of the abandoned unit of work; its janitor may interrupt {} "
                    + "later", Thread.currentThread().getName(), e);
        }
    }
}
