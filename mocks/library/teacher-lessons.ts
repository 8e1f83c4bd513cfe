/**
 * «The school keeps a current timetable in which the teacher has lessons» (docs/consent-and-access.md),
 * read from the timetable itself: the teacher's lessons in the week of `today`, less the ones the
 * school cancelled, plus the ones it added at run time. In a week without school days (holidays)
 * the weekly timetable stands for the week.
 */
import { dayOf, isoOf, Lru, type Person, type World, type WorldState } from '../../seeds/index.ts';
import { timetableEditKey } from '../diary/timetable-edits.ts';

/** The unedited count is a function of the world, the teacher and the date: kept per world, as the diaries keep theirs. */
const unedited = new WeakMap<World, Lru<string, number>>();

export function teacherLessonsInWeek(world: World, person: Person, state: WorldState | undefined, today: string): number {
  const added = state?.teacherLessons.get(person.id) ?? 0;
  if (!person.memberships.some((m) => m.role === 'teacher')) return added;
  if ((state?.timetableEdits.size ?? 0) > 0) return countLessons(world, person, state, today) + added;
  let counts = unedited.get(world);
  if (!counts) unedited.set(world, (counts = new Lru<string, number>(10_000)));
  const key = `${person.id}|${today}`;
  return (counts.get(key) ?? counts.set(key, countLessons(world, person, undefined, today))) + added;
}

function countLessons(world: World, person: Person, state: WorldState | undefined, today: string): number {
  const region = person.regionCode;
  const people = world.region(region);
  const journal = world.journal(region);
  const teacher = Number(person.id.split('-')[2]);
  const school = people.teacherSchool(teacher);
  const day = dayOf(today);
  const monday = isoOf(day - ((day + 3) % 7));
  const sunday = isoOf(dayOf(monday) + 6);
  let lessons = 0;
  let schoolDays = 0;
  let inTemplate = 0;
  for (let c = school.classFirst; c < school.classFirst + school.classCount; c++) {
    inTemplate += journal
      .template(c)
      .flat()
      .filter((slot) => slot.teacher === teacher).length;
    for (const date of journal.schoolDays(c, monday, sunday)) {
      schoolDays++;
      lessons += journal
        .lessonsOn(c, date, today)
        .filter((lesson) => lesson.teacher === teacher && state?.timetableEdits.get(timetableEditKey(region, lesson))?.cancelled !== true).length;
    }
  }
  return schoolDays > 0 ? lessons : inTemplate;
}
