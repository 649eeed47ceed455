package io.selection.api.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.ArrayList;

/**
 * Leaves no transaction bound to a request thread after its request. Axon's unit of work rolls back
 * on an exception in its commit phase but not on an {@code Error} (PgJDBC's assertions throw one
 * when a connection dies mid-batch): the command's transaction then stays bound to the pooled
 * thread, and every later request on it joins that transaction, which holds its locks and is never
 * committed. Nothing in this service keeps a transaction open across the end of a request, so one
 * still bound here is rolled back, its connection released, and the fact counted
 * ({@code selection_transactions_leaked_total}) and logged. Axon skipped its rollback handlers too,
 * so the cached aggregates may hold the failed command's changes: the cache is emptied, and the
 * next command loads its aggregate from the log.
 */
public class TransactionLeakGuard extends OncePerRequestFilter implements Ordered {

    private static final Logger log = LoggerFactory.getLogger(TransactionLeakGuard.class);

    private final Counter leaked;
    private final org.axonframework.common.caching.Cache aggregates;

    public TransactionLeakGuard(MeterRegistry meters, org.axonframework.common.caching.Cache aggregates) {
        this.aggregates = aggregates;
        this.leaked = Counter.builder("selection.transactions.leaked")
                .description("transactions a request left bound to its thread, rolled back after it").register(meters);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // outermost: it looks after everything else is done
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (!TransactionSynchronizationManager.getResourceMap().isEmpty()
                    || TransactionSynchronizationManager.isSynchronizationActive()) {
                release(request);
            }
        }
    }

    private void release(HttpServletRequest request) {
        leaked.increment();
        log.error("{} {} left a transaction bound to its thread; it is rolled back", request.getMethod(),
                request.getRequestURI());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
        for (Object key : new ArrayList<>(TransactionSynchronizationManager.getResourceMap().keySet())) {
            Object resource = TransactionSynchronizationManager.unbindResourceIfPossible(key);
            if (resource instanceof ConnectionHolder holder && holder.getConnectionHandle() != null) {
                try (java.sql.Connection connection = holder.getConnection()) {
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                    }
                    connection.setAutoCommit(true);
                } catch (java.sql.SQLException | RuntimeException e) {
                    log.warn("rolling back the leaked transaction's connection failed; it is closed", e);
                } finally {
                    holder.clear();
                }
            }
        }
        TransactionSynchronizationManager.clear();
        aggregates.removeAll();
    }
}
