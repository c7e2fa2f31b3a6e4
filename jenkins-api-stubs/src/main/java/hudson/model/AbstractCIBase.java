package hudson.model;

import hudson.security.AccessControlled;

/** Stub of {@code hudson.model.AbstractCIBase}; present only as the superclass of {@code Jenkins}. */
public abstract class AbstractCIBase extends Node implements ItemGroup<TopLevelItem>, AccessControlled {
}
