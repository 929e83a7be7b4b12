package dev.latch.platform.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Every response: never sniffed, never framed, no referrer. API answers may carry a secret, so no
 * cache keeps them; the admin page runs only its own scripts and styles.
 */
@WebFilter("/*")
public class SecurityHeaders extends HttpFilter {

    static final String ADMIN_PAGE_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
                    + " frame-ancestors 'none'";

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        if (path.startsWith("/admin/")) {
            response.setHeader("Content-Security-Policy", ADMIN_PAGE_POLICY);
            response.setHeader("Cache-Control", "no-cache");
        } else {
            response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
            if (path.startsWith("/api/")) {
                response.setHeader("Cache-Control", "no-store");
            }
        }
        chain.doFilter(request, response);
    }
}
