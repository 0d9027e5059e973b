CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);


CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);


CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "UserName" TEXT NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityId" TEXT NOT NULL,
    "EntityName" TEXT NULL,
    "Action" TEXT NOT NULL,
    "Changes" TEXT NULL
);


CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NOT NULL
);


CREATE TABLE "Domains" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Domains" PRIMARY KEY AUTOINCREMENT,
    "Key" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);


CREATE TABLE "GovernanceRoles" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_GovernanceRoles" PRIMARY KEY AUTOINCREMENT,
    "Key" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);


CREATE TABLE "RedundancyGroups" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RedundancyGroups" PRIMARY KEY AUTOINCREMENT,
    "Key" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "MinimumUp" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);


CREATE TABLE "ScoreVersions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ScoreVersions" PRIMARY KEY AUTOINCREMENT,
    "Number" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "ChangeNote" TEXT NULL,
    "CreatedBy" TEXT NULL,
    "PublishedAt" TEXT NULL,
    "PublishedBy" TEXT NULL,
    "BasedOnId" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_ScoreVersions_ScoreVersions_BasedOnId" FOREIGN KEY ("BasedOnId") REFERENCES "ScoreVersions" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "Stages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Stages" PRIMARY KEY AUTOINCREMENT,
    "Key" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Order" INTEGER NOT NULL,
    "Description" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);


CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ApiTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApiTokens" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NULL,
    "LastUsedAt" TEXT NULL,
    "RevokedAt" TEXT NULL,
    CONSTRAINT "FK_ApiTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Nodes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Nodes" PRIMARY KEY AUTOINCREMENT,
    "Key" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Description" TEXT NULL,
    "NodeType" TEXT NOT NULL,
    "Lifecycle" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "DomainId" INTEGER NULL,
    "RetiredAt" TEXT NULL,
    "CiType" TEXT NULL,
    "Location" TEXT NULL,
    "Kind" TEXT NULL,
    "Tier" INTEGER NULL DEFAULT 3,
    "Sourcing" TEXT NULL,
    "IsInternal" INTEGER NULL,
    "Category" TEXT NULL,
    "RiskRating" TEXT NULL,
    "Website" TEXT NULL,
    "ContactName" TEXT NULL,
    "ContactEmail" TEXT NULL,
    "ContactPhone" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Nodes_Domains_DomainId" FOREIGN KEY ("DomainId") REFERENCES "Domains" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "Practices" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Practices" PRIMARY KEY AUTOINCREMENT,
    "ScoreVersionId" INTEGER NOT NULL,
    "Key" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "StageId" INTEGER NOT NULL,
    "Order" INTEGER NOT NULL,
    "Purpose" TEXT NULL,
    "Policies" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Practices_ScoreVersions_ScoreVersionId" FOREIGN KEY ("ScoreVersionId") REFERENCES "ScoreVersions" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Practices_Stages_StageId" FOREIGN KEY ("StageId") REFERENCES "Stages" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "Contracts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Contracts" PRIMARY KEY AUTOINCREMENT,
    "Reference" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "SupplierId" INTEGER NOT NULL,
    "StartDate" TEXT NOT NULL,
    "EndDate" TEXT NOT NULL,
    "NoticePeriodDays" INTEGER NOT NULL,
    "AnnualValue" TEXT NOT NULL,
    "Currency" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Contracts_Nodes_SupplierId" FOREIGN KEY ("SupplierId") REFERENCES "Nodes" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "People" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_People" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "JobTitle" TEXT NULL,
    "Organisation" TEXT NULL,
    "SupplierId" INTEGER NULL,
    "LeftOn" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_People_Nodes_SupplierId" FOREIGN KEY ("SupplierId") REFERENCES "Nodes" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "Relationships" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Relationships" PRIMARY KEY AUTOINCREMENT,
    "SourceId" INTEGER NOT NULL,
    "TargetId" INTEGER NOT NULL,
    "Type" TEXT NOT NULL,
    "RedundancyGroupId" INTEGER NULL,
    "Description" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Relationships_Nodes_SourceId" FOREIGN KEY ("SourceId") REFERENCES "Nodes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Relationships_Nodes_TargetId" FOREIGN KEY ("TargetId") REFERENCES "Nodes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Relationships_RedundancyGroups_RedundancyGroupId" FOREIGN KEY ("RedundancyGroupId") REFERENCES "RedundancyGroups" ("Id") ON DELETE SET NULL
);


CREATE TABLE "PracticeKpis" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PracticeKpis" PRIMARY KEY AUTOINCREMENT,
    "PracticeId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Target" TEXT NOT NULL,
    CONSTRAINT "FK_PracticeKpis_Practices_PracticeId" FOREIGN KEY ("PracticeId") REFERENCES "Practices" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ContractServices" (
    "ContractId" INTEGER NOT NULL,
    "ServiceId" INTEGER NOT NULL,
    CONSTRAINT "PK_ContractServices" PRIMARY KEY ("ContractId", "ServiceId"),
    CONSTRAINT "FK_ContractServices_Contracts_ContractId" FOREIGN KEY ("ContractId") REFERENCES "Contracts" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ContractServices_Nodes_ServiceId" FOREIGN KEY ("ServiceId") REFERENCES "Nodes" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "SlaTargets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SlaTargets" PRIMARY KEY AUTOINCREMENT,
    "Key" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "ContractId" INTEGER NOT NULL,
    "ServiceId" INTEGER NOT NULL,
    "Metric" TEXT NOT NULL,
    "Unit" TEXT NOT NULL,
    "Target" REAL NOT NULL,
    "Direction" TEXT NOT NULL,
    "Period" TEXT NOT NULL,
    "WarningBand" REAL NOT NULL,
    "ServiceCreditPercent" REAL NOT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_SlaTargets_Contracts_ContractId" FOREIGN KEY ("ContractId") REFERENCES "Contracts" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SlaTargets_Nodes_ServiceId" FOREIGN KEY ("ServiceId") REFERENCES "Nodes" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "RoleAssignments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RoleAssignments" PRIMARY KEY AUTOINCREMENT,
    "PersonId" INTEGER NOT NULL,
    "RoleId" INTEGER NOT NULL,
    "ScopeType" TEXT NOT NULL,
    "DomainId" INTEGER NULL,
    "NodeId" INTEGER NULL,
    "PracticeId" INTEGER NULL,
    "Raci" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_RoleAssignments_Domains_DomainId" FOREIGN KEY ("DomainId") REFERENCES "Domains" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RoleAssignments_GovernanceRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "GovernanceRoles" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RoleAssignments_Nodes_NodeId" FOREIGN KEY ("NodeId") REFERENCES "Nodes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RoleAssignments_People_PersonId" FOREIGN KEY ("PersonId") REFERENCES "People" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RoleAssignments_Practices_PracticeId" FOREIGN KEY ("PracticeId") REFERENCES "Practices" ("Id") ON DELETE CASCADE
);


CREATE TABLE "SlaMeasurements" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SlaMeasurements" PRIMARY KEY AUTOINCREMENT,
    "SlaTargetId" INTEGER NOT NULL,
    "PeriodStart" TEXT NOT NULL,
    "Value" REAL NOT NULL,
    "Note" TEXT NULL,
    "RecordedBy" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_SlaMeasurements_SlaTargets_SlaTargetId" FOREIGN KEY ("SlaTargetId") REFERENCES "SlaTargets" ("Id") ON DELETE CASCADE
);


CREATE UNIQUE INDEX "IX_ApiTokens_Hash" ON "ApiTokens" ("Hash");


CREATE INDEX "IX_ApiTokens_UserId" ON "ApiTokens" ("UserId");


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");


CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");


CREATE INDEX "IX_AuditEntries_EntityType_EntityId" ON "AuditEntries" ("EntityType", "EntityId");


CREATE INDEX "IX_AuditEntries_UserName" ON "AuditEntries" ("UserName");


CREATE INDEX "IX_Contracts_EndDate" ON "Contracts" ("EndDate");


CREATE UNIQUE INDEX "IX_Contracts_Reference" ON "Contracts" ("Reference");


CREATE INDEX "IX_Contracts_SupplierId" ON "Contracts" ("SupplierId");


CREATE INDEX "IX_ContractServices_ServiceId" ON "ContractServices" ("ServiceId");


CREATE UNIQUE INDEX "IX_Domains_Key" ON "Domains" ("Key");


CREATE UNIQUE INDEX "IX_Domains_Name" ON "Domains" ("Name");


CREATE UNIQUE INDEX "IX_GovernanceRoles_Key" ON "GovernanceRoles" ("Key");


CREATE UNIQUE INDEX "IX_GovernanceRoles_Name" ON "GovernanceRoles" ("Name");


CREATE INDEX "IX_Nodes_DomainId_NodeType" ON "Nodes" ("DomainId", "NodeType");


CREATE UNIQUE INDEX "IX_Nodes_Key" ON "Nodes" ("Key");


CREATE INDEX "IX_Nodes_NodeType_Lifecycle" ON "Nodes" ("NodeType", "Lifecycle");


CREATE INDEX "IX_Nodes_NodeType_Name" ON "Nodes" ("NodeType", "Name");


CREATE UNIQUE INDEX "IX_Nodes_SupplierName" ON "Nodes" ("Name") WHERE "NodeType" = 'Supplier';


CREATE UNIQUE INDEX "IX_People_Email" ON "People" ("Email");


CREATE INDEX "IX_People_SupplierId" ON "People" ("SupplierId");


CREATE INDEX "IX_PracticeKpis_PracticeId" ON "PracticeKpis" ("PracticeId");


CREATE UNIQUE INDEX "IX_Practices_ScoreVersionId_Key" ON "Practices" ("ScoreVersionId", "Key");


CREATE INDEX "IX_Practices_StageId" ON "Practices" ("StageId");


CREATE UNIQUE INDEX "IX_RedundancyGroups_Key" ON "RedundancyGroups" ("Key");


CREATE INDEX "IX_Relationships_RedundancyGroupId" ON "Relationships" ("RedundancyGroupId");


CREATE UNIQUE INDEX "IX_Relationships_SourceId_TargetId_Type" ON "Relationships" ("SourceId", "TargetId", "Type");


CREATE INDEX "IX_Relationships_TargetId" ON "Relationships" ("TargetId");


CREATE INDEX "IX_RoleAssignments_DomainId" ON "RoleAssignments" ("DomainId");


CREATE INDEX "IX_RoleAssignments_NodeId" ON "RoleAssignments" ("NodeId");


CREATE INDEX "IX_RoleAssignments_PersonId" ON "RoleAssignments" ("PersonId");


CREATE INDEX "IX_RoleAssignments_PracticeId" ON "RoleAssignments" ("PracticeId");


CREATE INDEX "IX_RoleAssignments_RoleId" ON "RoleAssignments" ("RoleId");


CREATE INDEX "IX_RoleAssignments_ScopeType_RoleId" ON "RoleAssignments" ("ScopeType", "RoleId");


CREATE INDEX "IX_ScoreVersions_BasedOnId" ON "ScoreVersions" ("BasedOnId");


CREATE UNIQUE INDEX "IX_ScoreVersions_Number" ON "ScoreVersions" ("Number");


CREATE INDEX "IX_SlaMeasurements_PeriodStart" ON "SlaMeasurements" ("PeriodStart");


CREATE UNIQUE INDEX "IX_SlaMeasurements_SlaTargetId_PeriodStart" ON "SlaMeasurements" ("SlaTargetId", "PeriodStart");


CREATE INDEX "IX_SlaTargets_ContractId" ON "SlaTargets" ("ContractId");


CREATE UNIQUE INDEX "IX_SlaTargets_Key" ON "SlaTargets" ("Key");


CREATE INDEX "IX_SlaTargets_ServiceId" ON "SlaTargets" ("ServiceId");


CREATE UNIQUE INDEX "IX_Stages_Key" ON "Stages" ("Key");


CREATE UNIQUE INDEX "IX_Stages_Order" ON "Stages" ("Order");


