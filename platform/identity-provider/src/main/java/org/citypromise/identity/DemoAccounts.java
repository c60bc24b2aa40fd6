package org.citypromise.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The accounts to try the system with: residents, one officer per demo city, an admin, all with one password
 * ({@code citypromise.identity.demo-password}, or generated once into {@code <dataDir>/demo-password}). Set back
 * at each start, so that the printed password always works.
 */
@Component
class DemoAccounts implements ApplicationRunner {

    static final String PASSWORD_FILE = "demo-password";
    /** Written at each start for the local stack to print: one account a line, its username, role and cities. */
    static final String LIST_FILE = "demo-accounts";

    record DemoAccount(String username, String displayName, String role, List<String> cities) {
    }

    static final List<DemoAccount> ALL = List.of(
            new DemoAccount("alice", "Alice", AccountRoles.RESIDENT, List.of()),
            new DemoAccount("minji", "Kim Min-ji", AccountRoles.RESIDENT, List.of()),
            new DemoAccount("siti", "Siti Rahayu", AccountRoles.RESIDENT, List.of()),
            new DemoAccount("maria", "Maria Santos", AccountRoles.RESIDENT, List.of()),
            new DemoAccount("linh", "Nguyễn Thị Linh", AccountRoles.RESIDENT, List.of()),
            new DemoAccount("officer-seoul", "Seoul climate office", AccountRoles.CITY_OFFICER, List.of("seoul")),
            new DemoAccount("officer-jakarta", "Jakarta climate office", AccountRoles.CITY_OFFICER, List.of("jakarta")),
            new DemoAccount("officer-pasig-city", "Pasig City climate office", AccountRoles.CITY_OFFICER, List.of("pasig-city")),
            new DemoAccount("officer-hanoi", "Hanoi climate office", AccountRoles.CITY_OFFICER, List.of("hanoi")),
            new DemoAccount("admin", "Administrator", AccountRoles.ADMIN, List.of()));

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private final Accounts accounts;
    private final IdentityProperties properties;

    DemoAccounts(Accounts accounts, IdentityProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    String password() {
        String configured = properties.demoPassword();
        return configured != null && !configured.isBlank() ? configured
                : SecretFile.loadOrCreate(properties.dataDir().resolve(PASSWORD_FILE));
    }

    @Override
    public void run(ApplicationArguments args) {
        String password = password();
        ALL.forEach(account -> accounts.keep(account.username(), password, account.displayName(),
                List.of(account.role()), account.cities()));
        try {
            Files.writeString(properties.dataDir().resolve(LIST_FILE), ALL.stream().map(account -> String.join(" ",
                    account.username(), account.role(), String.join(",", account.cities())).strip() + "\n")
                    .collect(Collectors.joining()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("demo accounts {} (password: {})", ALL.stream().map(DemoAccount::username).toList(),
                properties.demoPassword() == null || properties.demoPassword().isBlank()
                        ? "in " + properties.dataDir().resolve(PASSWORD_FILE) : "citypromise.identity.demo-password");
    }
}
