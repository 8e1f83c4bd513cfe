/**
 * The world's login history: the days each ESIA account holder of a region logged in to «Моя
 * школа» before the world's `asOf`, never stored as a list. Each person has a habit (no account,
 * never used it, used it and stopped, uses it regularly), a first day and a daily chance, all
 * drawn from hash streams of (world key, region, kind, index); whether they logged in on day d is
 * one more hash of d. "The last login on or before D" walks back from D and stops at the first
 * login: a few steps for a regular user, one for someone who stopped. Rates and their reasons:
 * docs/indicators.md «Activity».
 */
import { hashInts, hashString, unit5 } from '../random/hash.ts';
import { ageOn, dayOf, schoolYearStartingIn, type Day } from './calendar.ts';
import type { RegionPeople } from './people.ts';
import { floorIndex } from './region-layout.ts';
import { slotOf } from './slots.ts';

export const LOGIN_HOLDERS = ['pupil', 'mother', 'father', 'teacher', 'administrator'] as const;
export type LoginHolder = (typeof LOGIN_HOLDERS)[number];

/** The first school year of «Моя школа» in full operation (its second stage was due by 1 July 2023). */
export const PLATFORM_START = '2023-09-01';
/** How far back "the last login" looks: longer than the longest indicator window (365 days). */
export const LOOKBACK_DAYS = 400;

/** `never`: has not logged in (no ESIA account, or never used the platform); `stopped`: used it, then stopped. */
export type LoginHabit = 'never' | 'stopped' | 'regular';

export interface LoginProfile {
  /** School index in the region (a parent: their first child's school); -1 when there is none. */
  readonly school: number;
  readonly habit: LoginHabit;
  /** Chance of a login on a school day while the person uses the platform. */
  readonly daily: number;
  /** The first day the person used the platform. */
  readonly first: Day;
  /** The last day of use: for `stopped` the day of the last login, for `regular` the day before `asOf`. */
  readonly last: Day;
}

/** Share of account holders who use the platform regularly, before the school's effect. */
const REGULAR: Readonly<Record<Exclude<LoginHolder, 'pupil'>, number>> = { mother: 0.55, father: 0.3, teacher: 0.82, administrator: 0.9 };
const REGULAR_PUPIL_BY_AGE = (age: number): number => (age < 10 ? 0.55 : age < 14 ? 0.7 : 0.78);
/** Chance of a login on a school day for a regular user. */
const DAILY: Readonly<Record<LoginHolder, number>> = { pupil: 0.35, mother: 0.25, father: 0.15, teacher: 0.6, administrator: 0.7 };
/** Of those who are not regular users, the share who used it for a while and stopped (the rest never did). */
const STOPPED = 0.6;
const REGULAR_CAP = 0.97;
/** School days count fully; weekends, holidays and breaks within the school year less; the summer least. */
const DAY_WEIGHT = { school: 1, off: 0.3, summer: 0.1 } as const;
/** A regular user began at least this many days before `asOf`. */
const REGULAR_SINCE = 60;

const HOLDER_TAG: Readonly<Record<LoginHolder, number>> = { pupil: 0, mother: 1, father: 2, teacher: 3, administrator: 4 };
const A = { school: 1, habit: 2, first: 3, last: 4, day: 5 } as const;

export class LoginHistory {
  readonly asOf: Day;
  readonly start: Day;
  readonly #key: number;
  readonly #weights: Float32Array;

  constructor(readonly people: RegionPeople) {
    this.#key = hashInts(people.context.worldKey, hashString(`logins:${people.code}`));
    this.asOf = dayOf(people.context.asOf);
    this.start = dayOf(PLATFORM_START);
    this.#weights = dayWeights(this.start, this.asOf);
  }

  /** How many people of a kind the region has slots for (families for parents; some are empty). */
  count(holder: LoginHolder): number {
    const { layout, families } = this.people;
    return holder === 'pupil'
      ? layout.pupilCount
      : holder === 'teacher'
        ? layout.teacherCount
        : holder === 'administrator'
          ? layout.adminCount
          : families.familyCapacity;
  }

  /** How much a school's people use the platform: 0.6 to 1.4, the same for its pupils, parents and teachers. */
  schoolAdoption(school: number): number {
    return 0.6 + 0.8 * unit5(this.#key, 0x5c, school, A.school);
  }

  /** A user's chance of a login on a school day, by kind. */
  daily(holder: LoginHolder): number {
    return DAILY[holder];
  }

  /** The person's school index, -1 for a parent slot with no such parent. */
  schoolOf(holder: LoginHolder, local: number): number {
    const { people } = this;
    switch (holder) {
      case 'pupil':
        return people.layout.classSchool[people.pupilClass(local)] ?? -1;
      case 'teacher':
        return floorIndex(people.layout.schoolTeacherFirst, local);
      case 'administrator':
        return floorIndex(people.layout.schoolAdminFirst, local);
      case 'mother':
      case 'father': {
        const exists = holder === 'mother' ? people.motherExists(local) : people.fatherExists(local);
        const child = exists ? people.families.childrenOf(local)[0] : undefined;
        return child === undefined ? -1 : (people.layout.classSchool[people.pupilClass(child)] ?? -1);
      }
    }
  }

  /**
   * The person's habit. `school` may be given when the caller knows it (a walk over a region's
   * classes); the account is looked up only for those whose draw makes them users at all.
   */
  profile(holder: LoginHolder, local: number, school = this.schoolOf(holder, local)): LoginProfile {
    const never: LoginProfile = { school, habit: 'never', daily: 0, first: this.asOf, last: this.start - 1 };
    if (school < 0) return never;
    const tag = HOLDER_TAG[holder];
    const base = holder === 'pupil' ? REGULAR_PUPIL_BY_AGE(this.#pupilAge(local)) : REGULAR[holder];
    const regular = Math.min(REGULAR_CAP, base * this.schoolAdoption(school));
    const roll = unit5(this.#key, tag, local, A.habit);
    if (roll >= regular + (1 - regular) * STOPPED || !this.#hasAccount(holder, local)) return never;
    const daily = DAILY[holder];
    const first = (latest: Day): Day => this.start + Math.floor(unit5(this.#key, tag, local, A.first) * Math.max(0, latest - this.start + 1));
    if (roll < regular) return { school, habit: 'regular', daily, first: first(this.asOf - REGULAR_SINCE), last: this.asOf - 1 };
    const began = first(this.asOf - 31);
    const last = began + Math.floor(unit5(this.#key, tag, local, A.last) * (this.asOf - 31 - began + 1));
    return { school, habit: 'stopped', daily, first: began, last };
  }

  /** Whether the person logged in on a day (only days from the first to the last of use count). */
  loggedInOn(holder: LoginHolder, local: number, day: Day, profile = this.profile(holder, local)): boolean {
    if (day < profile.first || day > profile.last) return false;
    if (day === profile.last && profile.habit === 'stopped') return true;
    return unit5(this.#key, HOLDER_TAG[holder], local, A.day, day) < profile.daily * (this.#weights[day - this.start] ?? 0);
  }

  /** The day of the person's last login on or before `day`, within {@link LOOKBACK_DAYS}; null if none. */
  lastLogin(holder: LoginHolder, local: number, day: Day, profile = this.profile(holder, local)): Day | null {
    if (profile.habit === 'never') return null;
    const end = Math.min(day, profile.last);
    const floor = Math.max(profile.first, day - LOOKBACK_DAYS + 1);
    for (let d = end; d >= floor; d--) if (this.loggedInOn(holder, local, d, profile)) return d;
    return null;
  }

  #hasAccount(holder: LoginHolder, local: number): boolean {
    const { people } = this;
    if (holder === 'teacher' || holder === 'administrator') return true;
    if (holder === 'pupil') return people.pupilAccount(local) !== null;
    return people.adultLevel(slotOf(people.layout.ordinal, holder, local)) !== null;
  }

  #pupilAge(pupil: number): number {
    return ageOn(this.people.pupilBirthDate(pupil), this.people.context.asOf);
  }
}

/** Each day's weight from `start` to `asOf`: school day, other day of a school year, or summer. */
function dayWeights(start: Day, asOf: Day): Float32Array {
  const weights = new Float32Array(Math.max(0, asOf - start + 1));
  const firstYear = new Date(start * 86_400_000).getUTCFullYear();
  const lastYear = new Date(asOf * 86_400_000).getUTCFullYear();
  for (let year = firstYear - 1; year <= lastYear; year++) {
    const school = schoolYearStartingIn(year);
    for (let d = Math.max(school.start, start); d <= Math.min(school.end, asOf); d++)
      weights[d - start] = school.isSchoolDay(d, 2) ? DAY_WEIGHT.school : DAY_WEIGHT.off;
  }
  for (let i = 0; i < weights.length; i++) if (weights[i] === 0) weights[i] = DAY_WEIGHT.summer;
  return weights;
}

const histories = new WeakMap<RegionPeople, LoginHistory>();

/** The login history of a region's people (one per region of a world, kept as long as the region is). */
export function loginHistoryOf(people: RegionPeople): LoginHistory {
  let history = histories.get(people);
  if (!history) histories.set(people, (history = new LoginHistory(people)));
  return history;
}
