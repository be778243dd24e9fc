package io.cairn.common.messaging;

import io.cairn.tenancy.CairnPrincipal;
import io.cairn.tenancy.CurrentPrincipal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Stamps every command dispatched while serving a request with the tenant, the principal and the request's
 * correlation id (the client's {@code X-Request-Id} when it is a sane token, otherwise a new UUID). The
 * correlation data provider then copies them onto every event the command produces.
 */
@Component
public class RequestMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String REQUEST_ID_ATTRIBUTE = RequestMetadataInterceptor.class.getName() + ".requestId";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public RequestMetadataInterceptor(CommandBus commandBus) {
        commandBus.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> added = new HashMap<>();
            CairnPrincipal principal = CurrentPrincipal.orNull();
            if (principal != null && !command.getMetaData().containsKey(MessageMetadata.TENANT_ID)) {
                added.put(MessageMetadata.TENANT_ID, principal.tenantId());
                added.put(MessageMetadata.PRINCIPAL, principal.principalId());
            }
            String requestId = requestId();
            if (requestId != null && !command.getMetaData().containsKey(MessageMetadata.CORRELATION_ID)) {
                added.put(MessageMetadata.CORRELATION_ID, requestId);
            }
            return added.isEmpty() ? command : command.andMetaData(added);
        };
    }

    /** The correlation id of the current HTTP request, or null outside a request. */
    public static String requestId() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return null;
        }
        Object known = servlet.getAttribute(REQUEST_ID_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (known != null) {
            return known.toString();
        }
        String header = servlet.getRequest().getHeader(REQUEST_ID_HEADER);
        String id = header != null && SANE_ID.matcher(header).matches() ? header : UUID.randomUUID().toString();
        servlet.setAttribute(REQUEST_ID_ATTRIBUTE, id, RequestAttributes.SCOPE_REQUEST);
        return id;
    }
}
