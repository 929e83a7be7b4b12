package dev.latch.platform.boundary;

import dev.latch.platform.control.RequestInfo;
import dev.latch.platform.control.WireJson;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The container's own errors outside JAX-RS (no such page, a method a static page does not take)
 * answer as problem+json too, never as the server's HTML page; web.xml routes them here.
 */
@WebServlet("/problem")
public class ErrorPages extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Problem problem =
                Problem.ofStatus(
                        status instanceof Integer code ? code : 404,
                        RequestInfo.of(request).requestId());
        response.setStatus(problem.status());
        if (problem.status() == 503) {
            response.setHeader("Retry-After", String.valueOf(Problem.RETRY_UNAVAILABLE_SECONDS));
        }
        // bytes, not a writer: the type stays exactly application/problem+json (JSON is UTF-8)
        response.setContentType(Problem.MEDIA_TYPE);
        response.getOutputStream()
                .write(WireJson.JSONB.toJson(problem).getBytes(StandardCharsets.UTF_8));
    }
}
