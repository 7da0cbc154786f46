package io.lockctl.server;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** The audit log's name, on the first line of every checkpoint it signs. */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface AuditOrigin {}
