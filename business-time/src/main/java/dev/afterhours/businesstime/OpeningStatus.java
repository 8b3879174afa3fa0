package dev.afterhours.businesstime;

/** Where a moment falls against support hours; mirrors the contract's AfterHoursStatus. */
public enum OpeningStatus {
    IN_HOURS, AFTER_HOURS, WEEKEND, HOLIDAY
}
