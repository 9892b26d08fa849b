package io.emporium.platform.chaos;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Applies {@link FaultInjection} to every request of a servlet service except those under the management path. */
class ChaosFilter extends OncePerRequestFilter {

    private final FaultInjection faults;
    private final String managementPath;
    private final HandlerExceptionResolver exceptionResolver;

    ChaosFilter(FaultInjection faults, String managementPath, HandlerExceptionResolver exceptionResolver) {
        this.faults = faults;
        this.managementPath = managementPath;
        this.exceptionResolver = exceptionResolver;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(managementPath) || path.startsWith(managementPath + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        FaultInjection.Fault fault = faults.nextFault();
        if (!fault.delay().isZero()) {
            try {
                Thread.sleep(fault.delay());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new ServletException("Interrupted while injecting latency", ex);
            }
        }
        if (fault.error()) {
            exceptionResolver.resolveException(request, response, null, new InjectedFaultException());
            return;
        }
        chain.doFilter(request, response);
    }
}
