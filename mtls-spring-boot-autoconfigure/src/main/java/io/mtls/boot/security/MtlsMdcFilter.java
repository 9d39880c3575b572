package io.mtls.boot.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts who called, as recorded by {@link MtlsAuthenticationFilter} under the
 * {@link MtlsRequestAttributes} names, into the logging MDC for the request's log lines,
 * and removes it afterwards. Runs after the Spring Security filter chain, on every
 * dispatch of the request, so error pages and async completions log the caller too.
 */
public class MtlsMdcFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		for (String name : MtlsRequestAttributes.ALL) {
			if (request.getAttribute(name) instanceof String value) {
				MDC.put(name, value);
			}
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			for (String name : MtlsRequestAttributes.ALL) {
				MDC.remove(name);
			}
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
