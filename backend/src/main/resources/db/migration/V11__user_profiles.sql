-- The profile store: personal data of users (display name, e-mail), never in events, so that erasing a user
-- (right to be forgotten) deletes it for good while the event history keeps only the opaque principal id.
CREATE TABLE user_profiles (
    principal_id VARCHAR(64)  NOT NULL PRIMARY KEY REFERENCES principals (id),
    display_name VARCHAR(128),
    email        VARCHAR(254),
    update_time  BIGINT       NOT NULL
);

-- An erased principal keeps its row (events and read models reference its id) under a pseudonymous username.
ALTER TABLE principals ADD COLUMN erased_time BIGINT;
