-- Spring Security's JdbcUserDetailsManager tables (users.ddl), made only when missing: the accounts persist.
create table if not exists users (
    username varchar_ignorecase(50) not null primary key,
    password varchar(500) not null,
    enabled boolean not null);
create table if not exists authorities (
    username varchar_ignorecase(50) not null,
    authority varchar(60) not null,
    constraint fk_authorities_users foreign key (username) references users (username));
create unique index if not exists ix_auth_username on authorities (username, authority);
create table if not exists display_names (
    username varchar_ignorecase(50) not null primary key,
    display_name varchar(200) not null,
    constraint fk_display_names_users foreign key (username) references users (username));
