package dev.livy.server.testing;

import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.listener.LDAPListenerRequestHandler;
import com.unboundid.ldap.protocol.AbandonRequestProtocolOp;
import com.unboundid.ldap.protocol.AddRequestProtocolOp;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.BindResponseProtocolOp;
import com.unboundid.ldap.protocol.CompareRequestProtocolOp;
import com.unboundid.ldap.protocol.DeleteRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.ModifyDNRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyRequestProtocolOp;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.protocol.UnbindRequestProtocolOp;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.List;
import javax.net.ssl.SSLSocket;

/**
 * Binds as {@link Slapd} configures them, in front of a directory that would answer otherwise: a DN with an empty
 * password binds as anonymous ({@code allow bind_anon_dn}), and, where TLS is required, a simple bind that is not
 * anonymous is refused on a connection that has not done StartTLS ({@code security simple_bind=64}). Everything
 * else goes to the directory as it is.
 *
 * <p>One instance per connection, as the listener makes them with {@link #newInstance}; not thread-safe.
 */
final class SlapdLikeBinds extends LDAPListenerRequestHandler {
    private final LDAPListenerRequestHandler directory;
    private final boolean requireTls;
    private final LDAPListenerClientConnection connection;

    SlapdLikeBinds(LDAPListenerRequestHandler directory, boolean requireTls) {
        this(directory, requireTls, null);
    }

    private SlapdLikeBinds(LDAPListenerRequestHandler directory, boolean requireTls,
            LDAPListenerClientConnection connection) {
        this.directory = directory;
        this.requireTls = requireTls;
        this.connection = connection;
    }

    @Override
    public SlapdLikeBinds newInstance(LDAPListenerClientConnection client) throws LDAPException {
        return new SlapdLikeBinds(directory.newInstance(client), requireTls, client);
    }

    @Override
    public LDAPMessage processBindRequest(int id, BindRequestProtocolOp bind, List<Control> controls) {
        if (bind.getCredentialsType() != BindRequestProtocolOp.CRED_TYPE_SIMPLE) {
            return directory.processBindRequest(id, bind, controls);
        }
        boolean emptyPassword = bind.getSimplePassword().getValueLength() == 0;
        boolean anonymous = emptyPassword && bind.getBindDN().isEmpty();
        if (requireTls && !anonymous && !(connection.getSocket() instanceof SSLSocket)) {
            return new LDAPMessage(id, new BindResponseProtocolOp(ResultCode.CONFIDENTIALITY_REQUIRED_INT_VALUE,
                    null, "simple binds need StartTLS first", null, null));
        }
        if (emptyPassword) {
            return directory.processBindRequest(id, new BindRequestProtocolOp("", ""), controls);
        }
        return directory.processBindRequest(id, bind, controls);
    }

    @Override
    public void processAbandonRequest(int id, AbandonRequestProtocolOp request, List<Control> controls) {
        directory.processAbandonRequest(id, request, controls);
    }

    @Override
    public LDAPMessage processAddRequest(int id, AddRequestProtocolOp request, List<Control> controls) {
        return directory.processAddRequest(id, request, controls);
    }

    @Override
    public LDAPMessage processCompareRequest(int id, CompareRequestProtocolOp request, List<Control> controls) {
        return directory.processCompareRequest(id, request, controls);
    }

    @Override
    public LDAPMessage processDeleteRequest(int id, DeleteRequestProtocolOp request, List<Control> controls) {
        return directory.processDeleteRequest(id, request, controls);
    }

    @Override
    public LDAPMessage processExtendedRequest(int id, ExtendedRequestProtocolOp request, List<Control> controls) {
        return directory.processExtendedRequest(id, request, controls);
    }

    @Override
    public LDAPMessage processModifyRequest(int id, ModifyRequestProtocolOp request, List<Control> controls) {
        return directory.processModifyRequest(id, request, controls);
    }

    @Override
    public LDAPMessage processModifyDNRequest(int id, ModifyDNRequestProtocolOp request, List<Control> controls) {
        return directory.processModifyDNRequest(id, request, controls);
    }

    @Override
    public LDAPMessage processSearchRequest(int id, SearchRequestProtocolOp request, List<Control> controls) {
        return directory.processSearchRequest(id, request, controls);
    }

    @Override
    public void processUnbindRequest(int id, UnbindRequestProtocolOp request, List<Control> controls) {
        directory.processUnbindRequest(id, request, controls);
    }

    @Override
    public void closeInstance() {
        directory.closeInstance();
    }
}
