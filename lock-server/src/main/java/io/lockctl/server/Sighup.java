package io.lockctl.server;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs an action on SIGHUP, the Unix way to ask a server to reload its configuration. The JDK's
 * only signal API is {@code sun.misc.Signal}, which javac flags as proprietary; it is reached
 * reflectively here, in this one place, so the build's warnings stay errors everywhere else. Where
 * the API is missing (not a HotSpot JVM), the action simply never runs, and that is logged.
 */
final class Sighup {
  private static final Logger LOG = Logger.getLogger(Sighup.class.getName());

  private Sighup() {}

  static void onSignal(Runnable action) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      InvocationHandler run =
          (proxy, method, args) -> {
            if (method.getName().equals("handle")) {
              action.run();
            }
            return null;
          };
      Object handlerProxy =
          Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, run);
      Object hangUp = signal.getConstructor(String.class).newInstance("HUP");
      signal.getMethod("handle", signal, handler).invoke(null, hangUp, handlerProxy);
    } catch (ReflectiveOperationException | RuntimeException unavailable) {
      LOG.log(
          Level.WARNING,
          "SIGHUP cannot be handled on this JVM; the policy reloads on change",
          unavailable);
    }
  }
}
