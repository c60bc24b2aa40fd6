package org.citypromise.system.browser;

import org.citypromise.system.RunningSite;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link RunningSite} for every browser test class of the run ({@code @ExtendWith(TheRunningSite.class)}, a
 * {@code RunningSite} parameter of {@code @BeforeAll}): five JVMs take most of a minute to start on a small
 * machine, so the classes share them; the site stops when the run ends (the root store closes it).
 */
final class TheRunningSite implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningSite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(RunningSite.class, any -> RunningSite.start(), RunningSite.class);
    }
}
