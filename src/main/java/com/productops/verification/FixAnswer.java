package com.productops.verification;

/** A reporter's answer to "Is it fixed for you?". */
public enum FixAnswer {

	YES, PARTLY, NO

}
