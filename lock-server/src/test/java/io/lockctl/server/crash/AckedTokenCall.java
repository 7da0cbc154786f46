package io.lockctl.server.crash;

import io.grpc.MethodDescriptor;

/**
 * A call sent with a client token and acknowledged: replaying {@code request} must answer {@code
 * response}.
 */
record AckedTokenCall<Q, R>(MethodDescriptor<Q, R> method, Q request, R response) {}
