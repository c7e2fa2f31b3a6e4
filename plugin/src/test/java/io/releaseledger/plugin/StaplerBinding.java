package io.releaseledger.plugin;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Stapler's data binding of a submitted form, imitated for offline tests (Stapler is not on Maven Central): what
 * {@code RequestImpl.bindJSON(Class, JSONObject)} and {@code bindJSONToList(Class, Object)} do with the JSON a
 * Jenkins form sends. A class is made through its {@code @DataBoundConstructor}, each parameter taken from the key
 * of its name (absent: {@code null}, or 0/false for a primitive); then each {@code @DataBoundSetter} whose key is
 * present is called. A value becomes the parameter's type: a JSON object a bound class, a JSON array (or one
 * object, as a list of one) a {@code List<X>}, text an {@code int} (parsed; text that is not a number throws, as
 * Stapler's conversion does) or a {@code String}, a checkbox's boolean a {@code boolean}. A list that is absent
 * binds to an empty list. {@code $class} and {@code stapler-class} (other subtypes) are not needed by the forms
 * tested here and are refused rather than ignored.
 */
final class StaplerBinding {
    private StaplerBinding() {}

    /** A request whose {@code bindJSON}/{@code bindJSONToList} bind as Stapler does; other methods throw. */
    static StaplerRequest2 request() {
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "bindJSONToList" -> bindList((Class<?>) args[0], args[1]);
            case "bindJSON" -> {
                if (args.length == 2 && args[0] instanceof Class<?> type && args[1] instanceof JSONObject json) {
                    yield bind(type, json);
                }
                throw new UnsupportedOperationException("bindJSON" + List.of(args));
            }
            case "toString" -> "StaplerBinding.request()";
            default -> throw new UnsupportedOperationException(method.getName());
        };
        return (StaplerRequest2) Proxy.newProxyInstance(StaplerBinding.class.getClassLoader(),
                new Class<?>[] {StaplerRequest2.class}, handler);
    }

    static <T> List<T> bindList(Class<T> type, Object src) {
        List<T> list = new ArrayList<>();
        if (src instanceof JSONObject json) {
            list.add(bind(type, json));
        } else if (src instanceof List<?> array) {
            for (Object element : array) {
                if (element instanceof JSONObject json) list.add(bind(type, json));
            }
        } else if (src != null) {
            throw new IllegalArgumentException("cannot bind " + src + " to a list of " + type.getSimpleName());
        }
        return list;
    }

    static <T> T bind(Class<T> type, JSONObject json) {
        if (json.has("$class") || json.has("stapler-class")) {
            throw new UnsupportedOperationException("$class/stapler-class are not imitated");
        }
        Constructor<?> constructor = dataBoundConstructor(type);
        Parameter[] parameters = constructor.getParameters();
        Object[] values = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            if (!parameters[i].isNamePresent()) throw new IllegalStateException("compile with -parameters");
            values[i] = convert(parameters[i].getParameterizedType(), parameters[i].getType(), json.opt(parameters[i].getName()));
        }
        try {
            T bean = type.cast(constructor.newInstance(values));
            for (Method setter : type.getMethods()) {
                if (setter.getAnnotation(DataBoundSetter.class) == null || setter.getParameterCount() != 1) continue;
                String name = setter.getName().substring(3, 4).toLowerCase(Locale.ROOT) + setter.getName().substring(4);
                if (!json.has(name)) continue;
                setter.invoke(bean, convert(setter.getGenericParameterTypes()[0], setter.getParameterTypes()[0], json.opt(name)));
            }
            return bean;
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Constructor<?> dataBoundConstructor(Class<?> type) {
        for (Constructor<?> c : type.getConstructors()) {
            if (c.getAnnotation(DataBoundConstructor.class) != null) return c;
        }
        throw new IllegalArgumentException(type + " has no @DataBoundConstructor");
    }

    private static Object convert(Type generic, Class<?> raw, Object value) {
        if (List.class.isAssignableFrom(raw)) {
            Type element = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            return bindList((Class<?>) element, value);
        }
        if (value == null) {
            if (raw == int.class) return 0;
            if (raw == boolean.class) return false;
            return null;
        }
        if (raw == String.class) return value.toString();
        if (raw == int.class || raw == Integer.class) {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().strip());
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString()) || "on".equals(value);
        }
        if (value instanceof JSONObject json) return bind(raw, json);
        throw new IllegalArgumentException("cannot convert " + value + " to " + raw.getSimpleName());
    }
}
