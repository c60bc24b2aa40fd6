package org.citypromise.identity;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;

import javax.sql.DataSource;

/**
 * Where the accounts live: an H2 database file in the data dir ({@code accounts.mv.db}), so that sign-ups survive
 * restarts; its tables are made by schema.sql at each start (if missing).
 */
@Configuration(proxyBeanMethods = false)
class AccountStore {

    @Bean
    DataSource accountDatabase(IdentityProperties properties) {
        SecretFile.createPrivateDirectory(properties.dataDir());
        // an absolute path: H2 refuses one implicitly relative to the working directory
        String file = properties.dataDir().toAbsolutePath().resolve("accounts").toString();
        return DataSourceBuilder.create().url("jdbc:h2:file:" + file).username("sa").password("").build();
    }

    @Bean
    JdbcUserDetailsManager users(DataSource accountDatabase) {
        return new JdbcUserDetailsManager(accountDatabase);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
