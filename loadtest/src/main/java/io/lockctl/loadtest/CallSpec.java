package io.lockctl.loadtest;

import io.grpc.MethodDescriptor;
import java.util.function.Supplier;

/**
 * One unary RPC and where its requests come from; {@code requests} is called once per call, from
 * any thread.
 */
record CallSpec<Req, Resp>(MethodDescriptor<Req, Resp> method, Supplier<Req> requests) {}
